import DataLoader from "dataloader";

/** The most inputs one batch takes: it bounds one statement's arrays. */
const MAX_BATCH = 500;

/**
 * Group commit: `run` handles a batch of inputs and answers one output per input, in order.
 * When no batch is in flight, an input goes at once (with whatever else arrived in the same
 * tick); while one is, inputs wait and go together as the next batch. An idle app pays no
 * delay, and a loaded one sends one statement for many requests instead of one each: under the
 * token load, the statement's round trip (a write to the socket that wakes PostgreSQL on the
 * other core, and pg's work on its answer) was a tenth of a join's CPU
 * (docs/decisions/032-token-throughput.md, amendment (c)). When `run` fails, every input of
 * its batch gets the error.
 */
export function batchedWhileInFlight<Input, Output>(
  run: (inputs: readonly Input[]) => Promise<Output[]>,
): (input: Input) => Promise<Output> {
  let inFlight: Promise<unknown> = Promise.resolve();
  const loader = new DataLoader<Input, Output>(
    (inputs) => {
      const batch = run(inputs);
      inFlight = batch.catch(() => undefined);
      return batch;
    },
    {
      // Every input is its own attempt: never answered from a cache, never merged with an equal one.
      cache: false,
      maxBatchSize: MAX_BATCH,
      // Called as a batch's first input arrives: the batch goes when the one before it is done.
      batchScheduleFn: (dispatch) => void inFlight.then(dispatch),
    },
  );
  return (input) => loader.load(input);
}
