/* SPDX-License-Identifier: MIT */
/*
 * The few non-ASCII glyphs the TUI draws (bars, arrows, marks, sparkline
 * levels), each exactly one terminal cell wide, with an ASCII fallback used
 * when the locale is not UTF-8 or TERM is vt100/linux-like without Unicode.
 * Strings are static; never free them. UI process only.
 */
#ifndef UI_GLYPHS_H
#define UI_GLYPHS_H

#include <stdbool.h>

enum ui_glyph {
    UI_GLYPH_HLINE,       /* ─  -  */
    UI_GLYPH_VLINE,       /* │  |  */
    UI_GLYPH_ARROW_RIGHT, /* →  >  */
    UI_GLYPH_ARROW_LEFT,  /* ←  <  */
    UI_GLYPH_ARROW_UP,    /* ↑  ^  */
    UI_GLYPH_ARROW_DOWN,  /* ↓  v  */
    UI_GLYPH_BLOCK,       /* █  #  full bar cell */
    UI_GLYPH_SHADE,       /* ░  .  light bar cell (idle, waiting) */
    UI_GLYPH_MEDIUM,      /* ▒  :  */
    UI_GLYPH_BULLET,      /* ●  *  (recording, event mark) */
    UI_GLYPH_CIRCLE,      /* ○  o  */
    UI_GLYPH_START,       /* ▶  >  lifetime start */
    UI_GLYPH_STOP,        /* ■  #  */
    UI_GLYPH_CHECK,       /* ✓  v  */
    UI_GLYPH_CROSS,       /* ✗  x  (killed) */
    UI_GLYPH_DIAMOND,     /* ◆  +  (join, release) */
    UI_GLYPH_ELLIPSIS,    /* …  ~  (cut text) */
    UI_GLYPH_TIMES,       /* ×  x  (speed factor) */
    UI_GLYPH_COUNT
};

/*
 * Choose UTF-8 or ASCII from the current locale (nl_langinfo(CODESET)) and
 * TERM (vt100, vt52, dumb: ASCII). Call after setlocale(LC_ALL, "").
 */
void ui_glyphs_init(void);

/* Force a mode (tests, bench). */
void ui_glyphs_set_utf8(bool utf8);

/* True when glyphs (and escaped text) may use UTF-8. */
bool ui_glyphs_utf8(void);

/* The glyph's string in the current mode ("" for an unknown glyph). */
const char *ui_glyph(enum ui_glyph glyph);

/*
 * A horizontal bar cell filled `eighths`/8 (0..8, clamped): " ▏▎▍▌▋▊▉█" in
 * UTF-8, " ", "-" (1..3), "=" (4..7), "#" (8) in ASCII.
 */
const char *ui_glyph_bar(int eighths);

/*
 * A sparkline level `level`/8 (0..8, clamped): " ▁▂▃▄▅▆▇█" in UTF-8,
 * " _.-:=+*#" in ASCII.
 */
const char *ui_glyph_spark(int level);

#endif /* UI_GLYPHS_H */
