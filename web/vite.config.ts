import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { compressAssets } from './compress-assets.js';

const here = fileURLToPath(new URL('.', import.meta.url));

/** The page is built into dist/web and served by `faultline serve`; everything is bundled, nothing from a CDN. */
export default defineConfig({
  root: here,
  base: '/',
  // file names under assets/ carry a hash of their content (Vite's default), so the server may cache them for good
  plugins: [compressAssets()],
  publicDir: false,
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    // the CSP forbids inline script: no preload polyfill, no inlined assets other than data: images
    modulePreload: { polyfill: false },
    assetsInlineLimit: 4096,
    chunkSizeWarningLimit: 2000,
    sourcemap: false,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
