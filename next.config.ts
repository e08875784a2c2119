import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Served behind our own Node server (scripts/server.mjs), which logs and shuts down gracefully.
  poweredByHeader: false,
  agentRules: false,
  devIndicators: false,
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
