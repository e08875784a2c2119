// Preloaded (node -r) by the worker, which runs lib/ outside Next. `server-only` throws unless the
// "react-server" condition is set, and that condition makes react-dom/server refuse to render the
// emails the worker queues (draft reminders). So the worker runs without it, and this registers
// `server-only` as the empty module it is on the server (as the Jest config does).
const resolved = require.resolve("server-only");
require.cache[resolved] = { id: resolved, filename: resolved, loaded: true, exports: {} };
