/// <reference types="vitest/config" />
import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

// The built files are embedded into the tuijin binary, which serves web/dist at "/".
// Hashed names under dist/assets/ are cached forever by the server.
// `vite` and `vite preview` proxy /api to a running `tuijin serve`: TUIJIN_API, by default
// http://127.0.0.1:8080 (the server's default listen address).
const API_TARGET = process.env.TUIJIN_API || 'http://127.0.0.1:8080'

export default defineConfig({
  base: '/',
  plugins: [vue()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: {
      '/api': { target: API_TARGET, changeOrigin: false },
    },
  },
  preview: {
    host: '127.0.0.1',
    port: 4173,
    proxy: {
      '/api': { target: API_TARGET, changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        // Vendor code changes rarely; keeping it apart from app code lets browsers keep it cached.
        codeSplitting: {
          groups: [
            { name: 'element-plus', test: /node_modules[\\/](element-plus|@element-plus|@floating-ui|@popperjs|@sxzz|@ctrl|async-validator|dayjs|lodash|lodash-es|lodash-unified|memoize-one|normalize-wheel-es|@vueuse)[\\/]/, priority: 20 },
            // Charts: only the dashboard loads them.
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender|tslib)[\\/]/, priority: 15 },
            { name: 'vue', test: /node_modules[\\/](@vue|vue|vue-router|vue-i18n|@intlify|pinia)[\\/]/, priority: 10 },
            { name: 'vendor', test: /node_modules[\\/]/, priority: 0 },
          ],
        },
      },
    },
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
})
