#pragma once

#include <QImage>

namespace inception::ui {

class PredictionListModel;

// The current selection of the browser as one PNG-ready picture: `columns` tiles a row, the
// first kContactSheetMaxTiles of it (all 10,000 test images would make a 300 MB picture).
constexpr int kContactSheetMaxTiles = 500;
QImage renderContactSheet(const PredictionListModel& model, int columns, int scale);

} // namespace inception::ui
