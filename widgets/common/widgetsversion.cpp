#include "common/widgetsversion.h"

#include <qcustomplot.h>

namespace mlab {

QString widgetsBuildInfo()
{
    return QStringLiteral("Qt %1, QCustomPlot %2")
        .arg(QString::fromLatin1(qVersion()), QStringLiteral(QCUSTOMPLOT_VERSION_STR));
}

} // namespace mlab
