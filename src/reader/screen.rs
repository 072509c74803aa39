//! Where everything goes on the screen: one pure function of the terminal size, the settings
//! and the focus, used by drawing, by scrolling (page height) and by mouse clicks alike.

use super::Focus;

/// A rectangle of cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Area {
    pub x: u16,
    pub y: u16,
    pub width: u16,
    pub height: u16,
}

impl Area {
    #[must_use]
    pub fn contains(self, x: u16, y: u16) -> bool {
        x >= self.x && x < self.x + self.width && y >= self.y && y < self.y + self.height
    }
}

/// The screen's parts. In narrow mode only one of `list` and `pane` is there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Screen {
    pub list: Option<Area>,
    /// The column of the vertical rule between the panes.
    pub rule: Option<Area>,
    pub pane: Option<Area>,
    /// The area overlays (help, problems) cover: everything above the status line.
    pub body: Area,
    pub status: Area,
    /// Below the smallest usable size: only a message is drawn.
    pub too_small: bool,
}

/// Layout settings that come from the config.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScreenSettings {
    /// The list's width; `None` for about a third of the screen.
    pub list_width: Option<u16>,
    /// Below this many columns only one pane shows at a time.
    pub narrow_below: u16,
}

impl Default for ScreenSettings {
    fn default() -> Self {
        Self {
            list_width: None,
            narrow_below: 60,
        }
    }
}

pub const MIN_WIDTH: u16 = 20;
pub const MIN_HEIGHT: u16 = 5;
/// The list is never narrower than this in two-pane mode.
const MIN_LIST: u16 = 24;
/// Nor is the pane.
const MIN_PANE: u16 = 20;

/// Lays out a `width` × `height` screen.
#[must_use]
pub fn screen(width: u16, height: u16, settings: ScreenSettings, focus: Focus) -> Screen {
    let full = Area {
        x: 0,
        y: 0,
        width,
        height,
    };
    if width < MIN_WIDTH || height < MIN_HEIGHT {
        return Screen {
            body: full,
            status: full,
            too_small: true,
            ..Screen::default()
        };
    }
    let body = Area {
        height: height - 1,
        ..full
    };
    let status = Area {
        y: height - 1,
        height: 1,
        ..full
    };
    if width < settings.narrow_below {
        let (list, pane) = match focus {
            Focus::List => (Some(body), None),
            Focus::Pane => (None, Some(pane_area(body, 0))),
        };
        return Screen {
            list,
            rule: None,
            pane,
            body,
            status,
            too_small: false,
        };
    }
    let wanted = settings.list_width.unwrap_or(width / 3).max(MIN_LIST);
    let list_width = wanted.min(width.saturating_sub(MIN_PANE + 1)).max(1);
    let list = Area {
        width: list_width,
        ..body
    };
    let rule = Area {
        x: list_width,
        width: 1,
        ..body
    };
    Screen {
        list: Some(list),
        rule: Some(rule),
        pane: Some(pane_area(body, list_width + 1)),
        body,
        status,
        too_small: false,
    }
}

/// The reading pane from column `x` to the right edge, with one blank column of margin on
/// each side so text never touches the rule or the terminal's edge.
fn pane_area(body: Area, x: u16) -> Area {
    let margin_left = 1;
    let width = body.width.saturating_sub(x);
    Area {
        x: x + margin_left,
        y: body.y,
        width: width.saturating_sub(margin_left + 1).max(1),
        height: body.height,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_third_for_the_list_at_80_columns() {
        let s = screen(80, 24, ScreenSettings::default(), Focus::List);
        assert_eq!(s.list.map(|a| a.width), Some(26));
        assert_eq!(s.rule.map(|a| a.x), Some(26));
        assert_eq!(s.pane.map(|a| (a.x, a.width)), Some((28, 51)));
        assert_eq!(s.status.y, 23);
    }

    #[test]
    fn narrow_screens_show_one_pane() {
        let list = screen(41, 20, ScreenSettings::default(), Focus::List);
        assert!(list.list.is_some() && list.pane.is_none() && list.rule.is_none());
        let pane = screen(41, 20, ScreenSettings::default(), Focus::Pane);
        assert_eq!(pane.pane.map(|a| (a.x, a.width)), Some((1, 39)));
    }

    #[test]
    fn too_small_below_20_by_5() {
        assert!(screen(19, 24, ScreenSettings::default(), Focus::List).too_small);
        assert!(screen(80, 4, ScreenSettings::default(), Focus::List).too_small);
        assert!(!screen(20, 5, ScreenSettings::default(), Focus::List).too_small);
    }
}
