/**
 * Arrow keys between tiles: the nearest tile whose centre lies in the arrow's
 * direction, preferring ones in the same row/column (a pure function of the boxes).
 */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export function neighbour(boxes: readonly Box[], from: number, key: string): number {
  const a = boxes[from];
  if (!a) return from;
  const ax = a.x + a.w / 2,
    ay = a.y + a.h / 2;
  let best = from,
    bestScore = Infinity;
  boxes.forEach((b, i) => {
    if (i === from) return;
    const dx = b.x + b.w / 2 - ax,
      dy = b.y + b.h / 2 - ay;
    const along =
      key === "ArrowRight" ? dx : key === "ArrowLeft" ? -dx : key === "ArrowDown" ? dy : key === "ArrowUp" ? -dy : 0;
    const across = key === "ArrowRight" || key === "ArrowLeft" ? Math.abs(dy) : Math.abs(dx);
    if (along <= 1) return;
    const score = along + across * 3; // stay in the row or column when there is one
    if (score < bestScore) ((bestScore = score), (best = i));
  });
  return best;
}
