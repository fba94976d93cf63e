#include "presentation.h"

#include <QApplication>
#include <QFont>
#include <QPalette>

#include <optional>

namespace mlab {

namespace {

struct Look
{
    QFont font;
    QPalette palette;
};

std::optional<Look> &savedLook()
{
    static std::optional<Look> look;
    return look;
}

QPalette highContrastPalette()
{
    QPalette palette;
    const QColor black(0, 0, 0);
    const QColor white(255, 255, 255);
    const QColor yellow(255, 221, 0);
    palette.setColor(QPalette::Window, black);
    palette.setColor(QPalette::WindowText, white);
    palette.setColor(QPalette::Base, black);
    palette.setColor(QPalette::AlternateBase, QColor(30, 30, 30));
    palette.setColor(QPalette::Text, white);
    palette.setColor(QPalette::Button, QColor(20, 20, 20));
    palette.setColor(QPalette::ButtonText, white);
    palette.setColor(QPalette::ToolTipBase, black);
    palette.setColor(QPalette::ToolTipText, yellow);
    palette.setColor(QPalette::Highlight, yellow);
    palette.setColor(QPalette::HighlightedText, black);
    palette.setColor(QPalette::BrightText, yellow);
    palette.setColor(QPalette::PlaceholderText, QColor(190, 190, 190));
    palette.setColor(QPalette::Disabled, QPalette::Text, QColor(128, 128, 128));
    palette.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(128, 128, 128));
    palette.setColor(QPalette::Disabled, QPalette::WindowText, QColor(128, 128, 128));
    return palette;
}

} // namespace

void applyPresentationLook(bool on)
{
    std::optional<Look> &saved = savedLook();
    if (on && !saved) {
        saved = Look { QApplication::font(), QApplication::palette() };
        QFont large = saved->font;
        large.setPointSizeF(large.pointSizeF() * 1.5);
        QApplication::setFont(large);
        QApplication::setPalette(highContrastPalette());
    } else if (!on && saved) {
        QApplication::setFont(saved->font);
        QApplication::setPalette(saved->palette);
        saved.reset();
    }
}

} // namespace mlab
