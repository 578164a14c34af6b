//! Light/dark theme: follows the system until the user picks one; the choice is remembered in
//! localStorage and applied as `data-theme` on `<html>`.

use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;

const KEY: &str = "deep-review:theme";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
}

impl Theme {
    fn as_str(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
    fn parse(s: &str) -> Option<Theme> {
        match s {
            "light" => Some(Theme::Light),
            "dark" => Some(Theme::Dark),
            _ => None,
        }
    }
}

fn system_theme() -> Theme {
    let dark = window()
        .match_media("(prefers-color-scheme: dark)")
        .ok()
        .flatten()
        .is_some_and(|m| m.matches());
    if dark {
        Theme::Dark
    } else {
        Theme::Light
    }
}

/// The toggle button. The chosen theme is synced to `<html data-theme>` and localStorage.
#[component]
pub fn ThemeToggle() -> impl IntoView {
    let stored = LocalStorage::get::<String>(KEY)
        .ok()
        .and_then(|s| Theme::parse(&s));
    let chosen = RwSignal::new(stored);
    Effect::new(move |_| {
        let html = document().document_element();
        match chosen.get() {
            Some(t) => {
                if let Some(h) = &html {
                    let _ = h.set_attribute("data-theme", t.as_str());
                }
                let _ = LocalStorage::set(KEY, t.as_str());
            }
            None => {
                if let Some(h) = &html {
                    let _ = h.remove_attribute("data-theme");
                }
            }
        }
    });
    let effective = move || chosen.get().unwrap_or_else(system_theme);
    let label = move || match effective() {
        Theme::Dark => "Switch to light theme",
        Theme::Light => "Switch to dark theme",
    };
    view! {
        <button
            type="button"
            class="icon-button theme-toggle"
            aria-label=label
            title=label
            on:click=move |_| {
                let next = match effective() {
                    Theme::Dark => Theme::Light,
                    Theme::Light => Theme::Dark,
                };
                chosen.set(Some(next));
            }
        >
            {move || match effective() {
                Theme::Dark => "☀",
                Theme::Light => "☾",
            }}
        </button>
    }
}
