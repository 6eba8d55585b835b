const CHUNK = 32 * 1024;

/**
 * A byte stream of the texts a generator yields, batched into chunks of about
 * 32 KiB: the generator is advanced only as the reader pulls, so at most one
 * page of rows is in memory at a time.
 */
export function textStream(parts: AsyncGenerator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let buffer = "";
      while (buffer.length < CHUNK) {
        const next = await parts.next();
        if (next.done) {
          if (buffer) controller.enqueue(encoder.encode(buffer));
          controller.close();
          return;
        }
        buffer += next.value;
      }
      controller.enqueue(encoder.encode(buffer));
    },
    async cancel() {
      await parts.return(undefined);
    },
  });
}
