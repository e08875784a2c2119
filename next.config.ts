import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Served behind our own Node server (scripts/server.mjs), which logs and shuts down gracefully.
  poweredByHeader: false,
  agentRules: false,
  devIndicators: false,
  experimental: {
    // proxy.ts runs on every request, and Next buffers the body of requests that pass through it up
    // to this size (10 MB by default, then silently truncated): a 10 Mo piece justificative plus its
    // multipart envelope must get through whole. app/api/pieces/route.ts enforces the real limit.
    proxyClientMaxBodySize: "12mb",
  },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
    ];
  },
};

export default nextConfig;
