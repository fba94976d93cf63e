#pragma once

#include <QString>

namespace mlab {

// The Qt and QCustomPlot versions the views were built with, for the About box.
QString widgetsBuildInfo();

} // namespace mlab
