// Deep Review Viewer's parse worker (src/app/worker.rs): parses big reports off the main thread
// with the app's own wasm. The page sends { id, glue, wasm, name, bytes }, where glue and wasm
// are the addresses of the running app's wasm-bindgen module and binary. The answer is
// { id, reply }: bytes of the report in parts ("=" and src/parse/json/wire.rs's frames), or of
// "!" and why it was refused; or { id, error } when the wasm cannot run here, and the page parses it itself.
// A message without bytes only starts the wasm (the page sends it while a big report downloads).
let app;

self.onmessage = async (event) => {
  const { id, glue, wasm, name, bytes } = event.data;
  try {
    app ??= import(glue).then(async (bindings) => {
      await bindings.default({ module_or_path: wasm });
      return bindings;
    });
    const bindings = await app;
    if (!bytes) return;
    const reply = bindings.parse_report_json(name, bytes);
    self.postMessage({ id, reply }, [reply.buffer]);
  } catch (e) {
    if (bytes) self.postMessage({ id, error: String(e?.message ?? e) });
  }
};
