//! Agent Performance Retro (FORMAT.md §11): per-agent notes under H3s (`### [Claude]`,
//! `### [Claude] Opus 4.6`, `### [Claude Opus 4.8]`, `### Claude Opus 4.6`) or bold paragraphs
//! (`**[Claude]** — …`, `**Claude Opus 4.6**` + bullets, `**Codex GPT 5.4** provided …`), the
//! summary table wherever it sits, and the remaining prose.

use super::inline::{collapse_ws, plain_events, slice, Families};
use super::outline::{Block, Kind};
use super::sections::table_of;
use crate::model::{family_of, Retro, RetroAgent, RetroPart};
use pulldown_cmark::{Event, Tag, TagEnd};

/// Bold openers that end an agent's bold-paragraph block and start general notes.
const NOTE_OPENERS: [&str; 8] = [
    "overall",
    "summary",
    "reconciliation",
    "continuation",
    "verified",
    "totals",
    "consolidat",
    "agents ran",
];

/// An agent name written as a heading or a bold label (`[Claude] Opus 4.6` → `Claude Opus 4.6`).
fn agent_label(text: &str, families: &Families) -> Option<String> {
    let t = text.trim().trim_end_matches(':').trim();
    let name = collapse_ws(&t.replace(['[', ']'], " "));
    families.is_agent(&name).then_some(name)
}

enum Target {
    Notes,
    Agent(usize),
}

pub(crate) fn retro(src: &str, blocks: &[Block<'_>], families: &Families) -> Retro {
    let mut retro = Retro::default();
    let mut agent_notes: Vec<Vec<&str>> = Vec::new();
    let mut notes: Vec<&str> = Vec::new();
    let mut pending_heading: Option<&str> = None;
    let mut target = Target::Notes;
    for b in blocks {
        let text = slice(src, b.range.clone()).trim();
        match b.kind {
            Kind::Rule => continue,
            Kind::Heading(_) => {
                let heading = plain_events(&b.inline);
                match agent_label(&heading, families) {
                    Some(name) => {
                        retro.agents.push(RetroAgent {
                            family: family_of(&name),
                            name,
                            notes_md: String::new(),
                        });
                        agent_notes.push(Vec::new());
                        target = Target::Agent(retro.agents.len() - 1);
                        retro.order.push(RetroPart::Agent {
                            index: retro.agents.len() - 1,
                        });
                        pending_heading = None;
                    }
                    None => {
                        target = Target::Notes;
                        pending_heading = Some(text);
                    }
                }
                continue;
            }
            Kind::Table if retro.table.is_none() => {
                retro.table = table_of(b);
                target = Target::Notes;
                // The heading over the table stays with it, plain text (`### Summary Table`).
                let heading = pending_heading.take().map(|h| {
                    h.trim_start_matches('#')
                        .trim()
                        .trim_matches(['*', '_'])
                        .trim()
                        .to_string()
                });
                if retro.table.is_some() {
                    retro.order.push(RetroPart::Table { heading });
                }
                continue;
            }
            Kind::Paragraph => {
                if let Some((Event::Start(Tag::Strong), _)) = b.inline.first() {
                    let end = b
                        .inline
                        .iter()
                        .position(|(e, _)| matches!(e, Event::End(TagEnd::Strong)));
                    if let Some(end) = end {
                        let label = plain_events(&b.inline[1..end]);
                        if let Some(name) = agent_label(&label, families) {
                            retro.agents.push(RetroAgent {
                                family: family_of(&name),
                                name,
                                notes_md: String::new(),
                            });
                            let rest = slice(src, b.inline[end].1.end..b.range.end).trim();
                            let stripped = ["—", "--", "–", ":"]
                                .iter()
                                .find_map(|s| rest.strip_prefix(s))
                                .map(str::trim);
                            let first = match stripped {
                                Some(r) => r,
                                None if rest.is_empty() => "",
                                None => text,
                            };
                            agent_notes.push(if first.is_empty() {
                                Vec::new()
                            } else {
                                vec![first]
                            });
                            target = Target::Agent(retro.agents.len() - 1);
                            retro.order.push(RetroPart::Agent {
                                index: retro.agents.len() - 1,
                            });
                            pending_heading = None;
                            continue;
                        }
                        let l = label.to_ascii_lowercase();
                        if NOTE_OPENERS.iter().any(|o| l.starts_with(o)) {
                            target = Target::Notes;
                        }
                    }
                }
            }
            _ => {}
        }
        match target {
            Target::Agent(i) => {
                if let Some(v) = agent_notes.get_mut(i) {
                    v.push(text);
                }
            }
            Target::Notes => {
                let mut part = String::new();
                if let Some(h) = pending_heading.take() {
                    notes.push(h);
                    part.push_str(h);
                    part.push_str("\n\n");
                }
                notes.push(text);
                part.push_str(text);
                match retro.order.last_mut() {
                    Some(RetroPart::Notes { md }) => {
                        md.push_str("\n\n");
                        md.push_str(&part);
                    }
                    _ => retro.order.push(RetroPart::Notes { md: part }),
                }
            }
        }
    }
    for (agent, parts) in retro.agents.iter_mut().zip(agent_notes) {
        agent.notes_md = parts.join("\n\n");
    }
    retro.notes_md = notes.join("\n\n");
    retro
}
