#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QVariantMap>

#include <vector>

namespace citybrain {

// A wall layout file (docs/layouts.md): a grid of cells over the whole wall canvas (every screen of
// every wall node, bezels included), pages of panels placed on it, played in turn with their dwell
// times, and the page shown while a leader has an incident in focus.

struct LayoutPanel
{
    QString panel; // a PanelRegistry id
    QString title; // the panel header's title from the file (plain text); empty: the panel's own title
    int column = 0; // top-left cell, 0-based
    int row = 0;
    int columnSpan = 1;
    int rowSpan = 1;
    // Validated settings keyed by the panel's QML property names (camelCase), defaults filled in.
    QVariantMap settings;
    int line = 0; // where the panel starts in the file (for messages)
};

struct LayoutPage
{
    QString id; // [a-z0-9_-]{1,64}, unique in the file
    QString title; // shown in the header while the page is on
    int dwellSeconds = 60; // 5..86400
    std::vector<LayoutPanel> panels; // in file order; no two overlap; each inside the grid
};

struct WallLayout
{
    QString title; // the wall's name in the header; empty: the app's
    int columns = 24; // 1..96
    int rows = 12; // 1..48
    std::vector<LayoutPage> pages; // the playlist, in order: at least one
    LayoutPage focusPage; // while an incident is in focus ("focus" in the file, or builtInFocusPage())
    QString pinnedPage; // "pin": a page id that stays on (empty: the playlist plays)
    QString sourcePath; // the file it came from (empty: parsed from memory)

    [[nodiscard]] int pageIndex(const QString& id) const; // -1 if none
    [[nodiscard]] qint64 cycleMs() const; // sum of the pages' dwell times
};

// Parses and validates a layout. On success fills *out and returns true. On failure returns false, leaves
// *out untouched and appends one message per problem to *errors, each naming the line and the field:
//   line 14: pages[0].panels[2].span: [3, 2] is smaller than the panel's minimum 4 x 3 cells
//   line 3: grid.columns: expected an integer from 1 to 96, got "24"
//   line 7, column 5: not valid JSON: missing comma between members
// Unknown members are errors too (a typo must not pass silently). Every panel kind's settings are
// checked against its PanelRegistry schema.
bool parseWallLayout(const QByteArray& json, WallLayout* out, QStringList* errors);
// Reads the file (at most 1 MiB) and parses it; a read error is one message naming the path.
bool loadWallLayoutFile(const QString& path, WallLayout* out, QStringList* errors);

// The layout shipped in resources (qrc:/layouts/city-overview.json).
[[nodiscard]] QString defaultWallLayoutPath();
// The focus page used when a layout has none: the map following the incident, its card, the cameras and
// sensors near it, and its response checklist.
[[nodiscard]] LayoutPage builtInFocusPage(int columns, int rows);

} // namespace citybrain
