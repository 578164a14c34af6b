//! Deep Review Viewer: the pure core (model, parsing, other documents, rounds, agent scoreboard, query, sharing,
//! triage) shared by the web app (wasm) and the `deep-review` CLI (native).

pub mod a11y;
pub mod compare;
pub mod document;
pub mod highlight;
pub mod index;
pub mod keymap;
pub mod listing;
pub mod markdown_view;
pub mod meeting;
pub mod model;
pub mod mount;
pub mod parse;
pub mod paths;
pub mod query;
pub mod rounds;
pub mod scoreboard;
pub mod share;
pub mod triage;

#[cfg(target_arch = "wasm32")]
pub mod app;
