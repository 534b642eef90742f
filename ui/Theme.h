#pragma once

class QApplication;

namespace flowlet::ui {

// Fusion everywhere; a proper dark palette when the desktop's own palette is dark.
class Theme final
{
public:
    static void apply(QApplication& app);
};

} // namespace flowlet::ui
