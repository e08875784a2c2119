import pg from "pg";
const c = new pg.Client({ connectionString: "postgresql://postgres:postgres@127.0.0.1:54329/compte_citoyen" });
await c.connect();
const r = await c.query(process.argv[2]);
console.table(r.rows);
await c.end();
