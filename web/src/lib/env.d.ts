/// <reference types="svelte" />
/// <reference types="vite/client" />

/** The page's build id, injected by web/vite.config.ts ("dev" under `vite dev`). */
declare const __RADIATOR_VERSION__: string;
