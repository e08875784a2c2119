import { createHash } from "node:crypto";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { diskStorage, s3Storage, type FileStorage } from "@/lib/attachments/storage";

const text = async (stream: ReadableStream<Uint8Array> | null) => (stream ? Buffer.from(await new Response(stream).arrayBuffer()).toString() : null);

describe("diskStorage", () => {
  let dir: string;
  let storage: FileStorage;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "pieces-"));
    storage = diskStorage(dir);
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it("stores, reads and removes bytes by key; a missing file reads as null and removes quietly", async () => {
    const key = "3f1c2a9e-8b7d-4c6e-9f10-112233445566";
    await storage.put(key, Buffer.from("%PDF-1.7 bonjour"));
    expect(await text(await storage.get(key))).toBe("%PDF-1.7 bonjour");
    expect(await readdir(path.join(dir, "3f"))).toEqual([key]); // no partial file left behind
    await storage.remove(key);
    expect(await storage.get(key)).toBeNull();
    await expect(storage.remove(key)).resolves.toBeUndefined();
  });

  it("never turns a key into a path outside its folder", async () => {
    for (const key of ["../../etc/passwd", "a/b", "..", "", ".cache"]) {
      await expect(storage.put(key, Buffer.from("x"))).rejects.toThrow(/Invalid storage key/);
      await expect(storage.get(key)).rejects.toThrow(/Invalid storage key/);
    }
  });
});

// The S3 service is the third party: a tiny HTTP server stands in for it, and we check the
// requests the adapter sends (method, path, signature) and how it reads the answers.
describe("s3Storage", () => {
  type Seen = { method: string; url: string; headers: IncomingMessage["headers"]; body: Buffer };
  let server: Server;
  let seen: Seen[];
  let objects: Map<string, Buffer>;
  let failNext: number | null;
  let endpoint: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const body = Buffer.concat(chunks);
        seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
        if (failNext) {
          res.writeHead(failNext, { "content-type": "application/xml" }).end("<Error><Code>AccessDenied</Code></Error>");
          failNext = null;
          return;
        }
        const stored = objects.get(req.url!);
        if (req.method === "PUT") objects.set(req.url!, body);
        if (req.method === "DELETE") objects.delete(req.url!);
        if (req.method === "GET" && !stored) return res.writeHead(404).end("<Error><Code>NoSuchKey</Code></Error>");
        res.writeHead(req.method === "DELETE" ? 204 : 200).end(req.method === "GET" ? stored : undefined);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    seen = [];
    objects = new Map();
    failNext = null;
  });

  const storage = () => s3Storage({ bucket: "pieces-mairie", endpoint: `${endpoint}/`, region: "fr-par", accessKeyId: "SCWTESTKEY", secretAccessKey: "secret-de-test" });
  const key = "0b6e3c1d-2f4a-4e5b-8c9d-aabbccddeeff";

  it("puts, gets and deletes objects with path-style URLs and SigV4-signed requests", async () => {
    const s3 = storage();
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff]);
    await s3.put(key, png);
    expect(seen[0]).toMatchObject({ method: "PUT", url: `/pieces-mairie/${key}` });
    expect(seen[0]!.body.equals(png)).toBe(true);
    const auth = String(seen[0]!.headers.authorization);
    expect(auth).toMatch(/^AWS4-HMAC-SHA256 Credential=SCWTESTKEY\/\d{8}\/fr-par\/s3\/aws4_request, SignedHeaders=[a-z0-9;-]*host[a-z0-9;-]*, Signature=[0-9a-f]{64}$/);
    // The payload's hash is signed, not UNSIGNED-PAYLOAD.
    expect(seen[0]!.headers["x-amz-content-sha256"]).toBe(createHash("sha256").update(png).digest("hex"));
    expect(auth).toContain("x-amz-content-sha256");
    expect(seen[0]!.headers["x-amz-date"]).toMatch(/^\d{8}T\d{6}Z$/);

    const read = await s3.get(key);
    expect(Buffer.from(await new Response(read).arrayBuffer()).equals(png)).toBe(true);
    expect(seen[1]).toMatchObject({ method: "GET", url: `/pieces-mairie/${key}` });
    expect(String(seen[1]!.headers.authorization)).toMatch(/^AWS4-HMAC-SHA256 /);

    await s3.remove(key);
    expect(seen[2]).toMatchObject({ method: "DELETE", url: `/pieces-mairie/${key}` });
    expect(String(seen[2]!.headers.authorization)).toMatch(/^AWS4-HMAC-SHA256 /);
  });

  it("reads a missing object as null, removes it quietly, and throws on a refusal", async () => {
    const s3 = storage();
    expect(await s3.get(key)).toBeNull();
    await expect(s3.remove(key)).resolves.toBeUndefined();
    failNext = 403;
    await expect(s3.put(key, Buffer.from("%PDF-"))).rejects.toThrow(/S3 PUT failed: 403/);
    await expect(s3.get("../autre-bucket/x")).rejects.toThrow(/Invalid storage key/);
    expect(seen.some((s) => s.url.includes(".."))).toBe(false);
  });
});
