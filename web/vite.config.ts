// Builds the dashboard into dist/web/ (scripts/build.mjs passes dist.next/web instead, so the web
// build is swapped in with the compiled server). Absolute base: the server answers any unknown
// path with index.html (single-page app), so assets must not resolve relative to that path.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    // cytoscape alone is ~450 KB minified; it is loaded only when the topology view opens
    chunkSizeWarningLimit: 700,
  },
});
