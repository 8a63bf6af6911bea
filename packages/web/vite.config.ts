import { defineConfig } from 'vite';

// `npm run dev -w @opis/web` serves the app with hot reload and forwards /api to a running
// `opis serve` (OPIS_API, default http://127.0.0.1:8787).
export default defineConfig({
  root: import.meta.dirname,
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 1000 },
  server: {
    proxy: { '/api': { target: process.env.OPIS_API ?? 'http://127.0.0.1:8787', changeOrigin: false } },
  },
});
