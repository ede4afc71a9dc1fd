/**
 * Stops what a benchmark started (server child, PostgreSQL) whatever way it ends: normal end,
 * an error, ctrl-c or SIGTERM from the runner. Tasks run newest first, so the server stops before
 * the database it uses. Each task is bounded in time so a stuck one cannot hang the exit.
 */
interface Task {
  label: string;
  fn: () => Promise<void> | void;
}

const tasks: Task[] = [];
const TASK_TIMEOUT_MS = 20_000;
let running: Promise<void> | null = null;

/** Registers a cleanup; the returned function unregisters it (after the thing was stopped normally). */
export function onCleanup(label: string, fn: () => Promise<void> | void): () => void {
  const task = { label, fn };
  tasks.push(task);
  return () => {
    const i = tasks.indexOf(task);
    if (i >= 0) tasks.splice(i, 1);
  };
}

/** Runs every registered cleanup once, newest first. Safe to call several times. */
export function runCleanups(): Promise<void> {
  running ??= (async () => {
    while (tasks.length) {
      const task = tasks.pop()!;
      let timer: NodeJS.Timeout | undefined;
      try {
        // the first task's synchronous part (a kill signal) runs before anything else can exit the process
        await Promise.race([
          Promise.resolve().then(task.fn),
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error('timed out')), TASK_TIMEOUT_MS);
          }),
        ]);
      } catch (err) {
        console.error(`cleanup '${task.label}' failed: ${err instanceof Error ? err.message : String(err)}`);
      } finally {
        clearTimeout(timer);
      }
    }
  })().finally(() => {
    running = null;
  });
  return running;
}

let installed = false;

/** On ctrl-c / SIGTERM / SIGHUP: stop everything, then exit with the conventional code. */
export function installSignalHandlers(): void {
  if (installed) return;
  installed = true;
  const codes = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
  for (const [signal, code] of Object.entries(codes)) {
    process.on(signal, () => {
      console.error(`\n${signal}: stopping the processes this benchmark started…`);
      void runCleanups().finally(() => process.exit(code));
    });
  }
}
