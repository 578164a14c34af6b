//! Parsing big reports off the main thread (DESIGN §7: a 5 MB report never freezes the page for
//! more than 200 ms).
//!
//! The worker is `parse-worker.js`, a module worker copied into the build by Trunk. It imports
//! the app's own wasm-bindgen glue and wasm (the same binary: its `main` sees no `window` and
//! mounts nothing) and calls the exported `parse_report_json`, which answers with the report in
//! parts (`parse::json::wire`: the page reads a part per task) or the reason it was refused
//! ([`reply_json`]). The page finds the glue and
//! wasm addresses in the `<link rel=modulepreload>` and `<link rel=preload as=fetch>` Trunk
//! writes into `index.html`.
//!
//! Whenever the worker cannot be used (no such links, as under `wasm-bindgen-test`; the worker
//! fails to start or to load the wasm), the caller parses on the main thread instead, so a
//! report always opens.

use crate::model::Review;
use js_sys::{Array, Object, Reflect, Uint8Array};
use std::cell::RefCell;
use std::collections::HashMap;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The worker script, relative to the page (Trunk `copy-file` puts it next to `index.html`).
const SCRIPT: &str = "parse-worker.js";

/// How long to wait for the worker before parsing on the main thread instead.
const TIMEOUT_MS: i32 = 30_000;

/// The worker's side: parse `bytes` into `=` and the review in parts
/// ([`crate::parse::json::wire`]), or `!` and the user-facing error, as bytes (a `Uint8Array`
/// the worker hands over without a copy).
pub fn reply_json(name: &str, bytes: &[u8]) -> Vec<u8> {
    match crate::parse::parse_named(name, bytes) {
        Ok(review) => {
            let mut reply = vec![b'='];
            reply.extend_from_slice(&crate::parse::json::wire::encode(review));
            reply
        }
        Err(e) => format!("!{e}").into_bytes(),
    }
}

/// About this many bytes of the answer are read per task (a few ms of work in the page).
const READ_STEP: usize = 256 * 1024;

/// The page's side of [`reply_json`]: the review read a part at a time, with a yield to the
/// browser between parts (one read of a 5 MB report's JSON took 190–270 ms in one task).
async fn read_reply(reply: &[u8]) -> Result<Review, String> {
    match reply.split_first() {
        Some((b'!', refused)) => Err(String::from_utf8_lossy(refused).into_owned()),
        Some((b'=', parts)) => {
            let mut parts = crate::parse::json::wire::Decoder::new(parts)?;
            while !parts.step(READ_STEP)? {
                gloo_timers::future::TimeoutFuture::new(0).await;
            }
            parts.finish()
        }
        _ => Err("the parse worker's answer is unreadable: it is empty".into()),
    }
}

/// The `resolve` of the promise a request awaits; called with the worker's message data.
type Waiter = js_sys::Function;

/// The page's side: one worker, started on first use, and the requests waiting for it.
struct Pool {
    worker: web_sys::Worker,
    waiting: HashMap<u32, Waiter>,
    next: u32,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

thread_local! {
    static POOL: RefCell<Option<Pool>> = const { RefCell::new(None) };
    /// Set once the worker has failed: later reports are parsed on the main thread at once.
    static BROKEN: RefCell<bool> = const { RefCell::new(false) };
}

/// The glue (`.js`) and wasm addresses of the running app, from the links Trunk writes.
fn app_urls() -> Option<(String, String)> {
    let doc = web_sys::window()?.document()?;
    let href = |sel: &str| -> Option<String> {
        let el = doc.query_selector(sel).ok()??;
        Reflect::get(&el, &"href".into()).ok()?.as_string()
    };
    let glue = href("link[rel=modulepreload][href$='.js']")?;
    let wasm = href("link[rel=preload][href$='.wasm']")?;
    Some((glue, wasm))
}

fn start() -> Result<Pool, String> {
    let ctor = Reflect::get(&js_sys::global(), &"Worker".into())
        .ok()
        .and_then(|c| c.dyn_into::<js_sys::Function>().ok())
        .ok_or("this browser has no Web Workers")?;
    let opts = Object::new();
    Reflect::set(&opts, &"type".into(), &"module".into()).map_err(js_text)?;
    let worker: web_sys::Worker = Reflect::construct(&ctor, &Array::of2(&SCRIPT.into(), &opts))
        .map_err(js_text)?
        .unchecked_into();
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(|e: web_sys::MessageEvent| {
            let data = e.data();
            let id = Reflect::get(&data, &"id".into())
                .ok()
                .and_then(|v| v.as_f64())
                .unwrap_or(-1.0) as u32;
            let waiter = POOL.with(|p| p.borrow_mut().as_mut().and_then(|p| p.waiting.remove(&id)));
            if let Some(resolve) = waiter {
                let _ = resolve.call1(&JsValue::NULL, &data);
            }
        });
    // A worker that fails to load (script missing, module error) fails everything waiting.
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(|e: web_sys::Event| {
        e.prevent_default();
        BROKEN.with(|b| *b.borrow_mut() = true);
        let waiting: Vec<Waiter> = POOL.with(|p| {
            p.borrow_mut()
                .as_mut()
                .map(|p| p.waiting.drain().map(|(_, w)| w).collect())
                .unwrap_or_default()
        });
        let failed = Object::new();
        let _ = Reflect::set(
            &failed,
            &"error".into(),
            &"the parse worker failed to start".into(),
        );
        for resolve in waiting {
            let _ = resolve.call1(&JsValue::NULL, &failed);
        }
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    Ok(Pool {
        worker,
        waiting: HashMap::new(),
        next: 0,
        _on_message: on_message,
        _on_error: on_error,
    })
}

fn js_text(e: JsValue) -> String {
    super::util::js_error_text(&e)
}

/// Runs `f` on the worker, starting it first if need be.
fn with_pool<R>(f: impl FnOnce(&mut Pool) -> Result<R, String>) -> Result<R, String> {
    POOL.with(|cell| {
        let mut cell = cell.borrow_mut();
        if cell.is_none() {
            *cell = Some(start()?);
        }
        f(cell.as_mut().ok_or("no worker")?)
    })
}

/// A message to the worker: where the app's wasm is, plus `fields`.
fn message(glue: &str, wasm: &str, fields: &[(&str, JsValue)]) -> Result<Object, String> {
    let msg = Object::new();
    for (k, v) in [("glue", JsValue::from(glue)), ("wasm", wasm.into())]
        .iter()
        .chain(fields)
    {
        Reflect::set(&msg, &(*k).into(), v).map_err(js_text)?;
    }
    Ok(msg)
}

/// Start the worker and its wasm now (while a big report is still downloading), so that it is
/// ready when the bytes arrive. Quietly does nothing when the worker cannot be used.
pub fn warm_up() {
    if BROKEN.with(|b| *b.borrow()) {
        return;
    }
    let Some((glue, wasm)) = app_urls() else {
        return;
    };
    let warmed = with_pool(|pool| {
        let msg = message(&glue, &wasm, &[])?;
        pool.worker.post_message(&msg).map_err(js_text)
    });
    if warmed.is_err() {
        BROKEN.with(|b| *b.borrow_mut() = true);
    }
}

/// Parse in the worker. `Err` means the worker could not do it (not that the report is bad):
/// the caller then parses on the main thread.
pub async fn parse(name: &str, bytes: &[u8]) -> Result<Result<Review, String>, String> {
    if BROKEN.with(|b| *b.borrow()) {
        return Err("the parse worker is unavailable".into());
    }
    let (glue, wasm) = app_urls().ok_or("the page does not name its wasm")?;
    let mut posted: Result<(), String> = Ok(());
    let answer = js_sys::Promise::new(&mut |resolve, _reject| {
        posted = with_pool(|pool| {
            let id = pool.next;
            pool.next = pool.next.wrapping_add(1);
            let data = Uint8Array::from(bytes);
            let msg = message(
                &glue,
                &wasm,
                &[
                    ("id", JsValue::from(id)),
                    ("name", name.into()),
                    ("bytes", data.clone().into()),
                ],
            )?;
            pool.waiting.insert(id, resolve);
            pool.worker
                .post_message_with_transfer(&msg, &Array::of1(&data.buffer()))
                .map_err(|e| {
                    pool.waiting.remove(&id);
                    js_text(e)
                })
        });
    });
    if let Err(e) = posted {
        BROKEN.with(|b| *b.borrow_mut() = true);
        return Err(e);
    }
    // A worker that never answers (it should take a second for the largest report) is given up
    // on, and the caller parses on the main thread.
    let give_up = js_sys::Promise::new(&mut |resolve, _reject| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, TIMEOUT_MS);
        }
    });
    let data =
        wasm_bindgen_futures::JsFuture::from(js_sys::Promise::race(&Array::of2(&answer, &give_up)))
            .await
            .map_err(js_text)?;
    let reply = match Reflect::get(&data, &"reply".into())
        .ok()
        .and_then(|v| v.dyn_into::<Uint8Array>().ok())
    {
        Some(reply) => reply.to_vec(),
        None => {
            // The worker could not load the wasm or crashed: never try it again this session.
            BROKEN.with(|b| *b.borrow_mut() = true);
            return Err(Reflect::get(&data, &"error".into())
                .ok()
                .and_then(|v| v.as_string())
                .unwrap_or_else(|| "the parse worker gave no answer".into()));
        }
    };
    // Let the page paint before the answer is read.
    gloo_timers::future::TimeoutFuture::new(0).await;
    Ok(read_reply(&reply).await)
}
