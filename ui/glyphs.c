/* SPDX-License-Identifier: MIT */
#include "ui/glyphs.h"

#include <langinfo.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const ui_glyph_utf8_table[UI_GLYPH_COUNT] = {
    [UI_GLYPH_HLINE] = "\u2500",       [UI_GLYPH_VLINE] = "\u2502",
    [UI_GLYPH_ARROW_RIGHT] = "\u2192", [UI_GLYPH_ARROW_LEFT] = "\u2190",
    [UI_GLYPH_ARROW_UP] = "\u2191",    [UI_GLYPH_ARROW_DOWN] = "\u2193",
    [UI_GLYPH_BLOCK] = "\u2588",       [UI_GLYPH_SHADE] = "\u2591",
    [UI_GLYPH_MEDIUM] = "\u2592",      [UI_GLYPH_BULLET] = "\u25cf",
    [UI_GLYPH_CIRCLE] = "\u25cb",      [UI_GLYPH_START] = "\u25b6",
    [UI_GLYPH_STOP] = "\u25a0",        [UI_GLYPH_CHECK] = "\u2713",
    [UI_GLYPH_CROSS] = "\u2717",       [UI_GLYPH_DIAMOND] = "\u25c6",
    [UI_GLYPH_ELLIPSIS] = "\u2026",    [UI_GLYPH_TIMES] = "\u00d7",
};

static const char *const ui_glyph_ascii_table[UI_GLYPH_COUNT] = {
    [UI_GLYPH_HLINE] = "-",      [UI_GLYPH_VLINE] = "|",    [UI_GLYPH_ARROW_RIGHT] = ">",
    [UI_GLYPH_ARROW_LEFT] = "<", [UI_GLYPH_ARROW_UP] = "^", [UI_GLYPH_ARROW_DOWN] = "v",
    [UI_GLYPH_BLOCK] = "#",      [UI_GLYPH_SHADE] = ".",    [UI_GLYPH_MEDIUM] = ":",
    [UI_GLYPH_BULLET] = "*",     [UI_GLYPH_CIRCLE] = "o",   [UI_GLYPH_START] = ">",
    [UI_GLYPH_STOP] = "#",       [UI_GLYPH_CHECK] = "v",    [UI_GLYPH_CROSS] = "x",
    [UI_GLYPH_DIAMOND] = "+",    [UI_GLYPH_ELLIPSIS] = "~", [UI_GLYPH_TIMES] = "x",
};

static const char *const ui_glyph_bar_utf8[9] = {
    " ", "\u258f", "\u258e", "\u258d", "\u258c", "\u258b", "\u258a", "\u2589", "\u2588",
};
static const char *const ui_glyph_bar_ascii[9] = {" ", "-", "-", "-", "=", "=", "=", "=", "#"};

static const char *const ui_glyph_spark_utf8[9] = {
    " ", "\u2581", "\u2582", "\u2583", "\u2584", "\u2585", "\u2586", "\u2587", "\u2588",
};
static const char *const ui_glyph_spark_ascii[9] = {" ", "_", ".", "-", ":", "=", "+", "*", "#"};

static bool ui_glyphs_is_utf8 = false;

/* Terminals known to have no Unicode glyphs whatever the locale says. */
static bool ui_glyphs_term_ascii(const char *term)
{
    static const char *const ascii_terms[] = {"vt100", "vt52", "vt102", "vt220", "dumb", "ansi"};
    if (!term) {
        return false;
    }
    for (size_t i = 0; i < sizeof(ascii_terms) / sizeof(ascii_terms[0]); i++) {
        if (strcmp(term, ascii_terms[i]) == 0) {
            return true;
        }
    }
    return false;
}

void ui_glyphs_init(void)
{
    const char *codeset = nl_langinfo(CODESET);
    bool utf8 = codeset && (strcasecmp(codeset, "UTF-8") == 0 || strcasecmp(codeset, "utf8") == 0);
    ui_glyphs_is_utf8 = utf8 && !ui_glyphs_term_ascii(getenv("TERM"));
}

void ui_glyphs_set_utf8(bool utf8)
{
    ui_glyphs_is_utf8 = utf8;
}

bool ui_glyphs_utf8(void)
{
    return ui_glyphs_is_utf8;
}

const char *ui_glyph(enum ui_glyph glyph)
{
    if ((int)glyph < 0 || glyph >= UI_GLYPH_COUNT) {
        return "";
    }
    return ui_glyphs_is_utf8 ? ui_glyph_utf8_table[glyph] : ui_glyph_ascii_table[glyph];
}

static int ui_glyph_clamp8(int v)
{
    return v < 0 ? 0 : v > 8 ? 8 : v;
}

const char *ui_glyph_bar(int eighths)
{
    int i = ui_glyph_clamp8(eighths);
    return ui_glyphs_is_utf8 ? ui_glyph_bar_utf8[i] : ui_glyph_bar_ascii[i];
}

const char *ui_glyph_spark(int level)
{
    int i = ui_glyph_clamp8(level);
    return ui_glyphs_is_utf8 ? ui_glyph_spark_utf8[i] : ui_glyph_spark_ascii[i];
}
