/**
 * Calls back when the config file's content changes. fs.watch on the folder
 * catches editors that replace the file; a 1 s stat poll covers filesystems
 * where fs.watch stays silent (network mounts, some containers). A deleted
 * file calls `onMissing` once; the file coming back counts as a change.
 */
import { watch, watchFile, unwatchFile, readFileSync, type FSWatcher } from "node:fs";
import { basename, dirname } from "node:path";

export function watchConfig(file: string, onChange: () => void, onMissing?: () => void, debounceMs = 150): () => void {
  let last = read(file);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const check = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      const now = read(file);
      if (now === undefined) {
        // Said once per deletion; an editor's save-by-rename is back before the debounce ends.
        if (last !== undefined) onMissing?.();
        last = undefined;
        return;
      }
      if (now === last) return;
      last = now;
      onChange();
    }, debounceMs);
  };
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(dirname(file), (_event, name) => {
      if (!name || name === basename(file)) check();
    });
    watcher.on("error", () => undefined);
  } catch {
    watcher = undefined;
  }
  watchFile(file, { interval: 1000 }, check);
  return () => {
    if (timer) clearTimeout(timer);
    watcher?.close();
    unwatchFile(file, check);
  };
}

function read(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}
