#include "imagecommand.h"

#include "clicommands.h"

#include "qemu/guestimage.h"
#include "qemu/guestimagebuilder.h"

#include <QElapsedTimer>

#include <cstdio>

namespace mlab::cli {

int runImageBuild(const QString &cacheDir, const QString &suite)
{
    GuestImageBuilder builder({ cacheDir.isEmpty() ? defaultImageCache() : cacheDir, suite });
    if (Status valid = builder.validate(); !valid)
        return reportError(valid.error());
    QElapsedTimer clock;
    clock.start();
    const Result<QString> built = builder.build([&clock](const QString &line) {
        std::printf("[%5.1f s] %s\n", double(clock.elapsed()) / 1000.0, qPrintable(line));
        std::fflush(stdout);
    });
    if (!built)
        return reportError(built.error());
    std::printf("guest image built in %.1f s: %s\n", double(clock.elapsed()) / 1000.0, qPrintable(*built));
    return 0;
}

} // namespace mlab::cli
