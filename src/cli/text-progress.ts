// Progress of a model computation on stderr: a redrawn counter on a terminal, a quiet line per tenth otherwise.

/** A (done, total) reporter titled `title`; it ends its line when done reaches total. */
export function textProgress(title: string, stream: NodeJS.WriteStream = process.stderr): (done: number, total: number) => void {
  const tty = Boolean(stream.isTTY) && !process.env.CI;
  let lastTenth = -1;
  return (done, total) => {
    if (tty) {
      const width = 30;
      const filled = Math.round((done / total) * width);
      stream.write(`\r attune: ${title} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}${done >= total ? '\n' : ''}`);
      return;
    }
    const tenth = Math.floor((done / total) * 10);
    if (tenth !== lastTenth || done >= total) {
      lastTenth = tenth;
      stream.write(`attune: ${title} ${done}/${total}\n`);
    }
  };
}
