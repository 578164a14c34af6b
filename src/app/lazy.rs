//! Screens a first visit does not need, loaded on first use (issue 12, README "Size").
//!
//! [`lazy_screen!`] defines `async fn NAME(args…) -> Result<AnyView, SplitLoaderError>`. Built
//! by `scripts/build` (`--cfg wasm_split`) it is a wasm-split point: the screen's code goes
//! into its own wasm chunk, fetched and instantiated on the first call. Every other build
//! (`NO_SPLIT=1 scripts/build`, `trunk serve`, the wasm tests, clippy) gets a plain async function with the
//! same signature, because the split point's wasm import only resolves once the splitter has
//! run. A split function takes and returns concrete types (no generics, no `impl Trait`).
//!
//! [`Lazy`] shows a spinner while the chunk loads, then the screen, or an alert when the chunk
//! could not be fetched (the split point is `fallible`: without it a failed load panics, which
//! aborts the whole wasm module). Showing the screen again retries the load.

use super::widgets::Loading;
use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;
use std::future::Future;

/// `lazy_screen!(chunk, fn name(arg: Type, …) { body })`: see the module docs.
macro_rules! lazy_screen {
    (
        $chunk:ident,
        $(#[$attr:meta])*
        $vis:vis fn $name:ident($($arg:ident: $ty:ty),* $(,)?) $body:block
    ) => {
        $(#[$attr])*
        #[cfg(wasm_split)]
        #[::leptos::wasm_split::wasm_split(
            $chunk,
            wasm_split_path = ::leptos::wasm_split,
            fallible
        )]
        $vis fn $name($($arg: $ty),*) -> ::std::result::Result<
            ::leptos::prelude::AnyView,
            ::leptos::wasm_split::SplitLoaderError,
        > {
            Ok($body)
        }

        $(#[$attr])*
        #[cfg(not(wasm_split))]
        $vis async fn $name($($arg: $ty),*) -> ::std::result::Result<
            ::leptos::prelude::AnyView,
            ::leptos::wasm_split::SplitLoaderError,
        > {
            Ok($body)
        }
    };
}
pub(crate) use lazy_screen;

/// The screen `load` resolves to, with a spinner saying `what` while its code loads.
#[component]
pub fn Lazy<F>(load: F, what: &'static str) -> impl IntoView
where
    F: Future<Output = Result<AnyView, SplitLoaderError>> + 'static,
{
    let screen = async move {
        load.await.unwrap_or_else(|_| {
            let msg = format!("Could not load {what}: check the connection and reload the page.");
            view! {
                <div class="alert" role="alert">
                    <span>{msg}</span>
                </div>
            }
            .into_any()
        })
    };
    // The split point's future waits on a JS promise (not `Send`); the app has one thread.
    let screen = send_wrapper::SendWrapper::new(screen);
    view! {
        <Suspense fallback=move || {
            view! { <Loading>{format!("Loading {what}…")}</Loading> }
        }>{Suspend::new(screen)}</Suspense>
    }
}
