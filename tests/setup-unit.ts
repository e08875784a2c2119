// The server loads lib/env before anything else (lib/db imports it), and lib/env sets zod's own
// messages in French. Unit tests load the same, so they see the messages the server gives.
import "@/lib/env";
