import { defineConfig } from "vite";

// Served by Haneul at /_haneul/console; JSX compiled for Preact by esbuild (no plugin needed).
export default defineConfig({
  base: "/_haneul/console/",
  esbuild: { jsx: "automatic", jsxImportSource: "preact" },
  build: { target: "es2022", assetsDir: "assets", reportCompressedSize: true },
});
