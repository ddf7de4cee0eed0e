/** Writes NAME.br and NAME.gz next to each text file under dir; returns how many it wrote. */
export function precompress(dir: string): number;
