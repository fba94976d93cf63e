// ThroughputPlot: saving what it shows (PNG, PDF) and what it holds (CSV).

#include "plots/throughputplot.h"

#include <qcustomplot.h>

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

#include <algorithm>
#include <limits>

namespace mlab {

namespace {

QString native(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

QByteArray csvField(const QString &text)
{
    QByteArray field = text.toUtf8();
    if (!field.contains(',') && !field.contains('"') && !field.contains('\n'))
        return field;
    return '"' + field.replace('"', "\"\"") + '"';
}

// CSV of series sampled at their own moments: one row per moment any series has (merged in time order), an empty
// cell where a series has no point then. keyRange limits the rows (nullopt: all).
QByteArray seriesCsv(const QStringList &names, const QList<QSharedPointer<QCPGraphDataContainer>> &series,
    std::optional<QCPRange> keyRange)
{
    QByteArray csv = "time_s";
    for (const QString &name : names)
        csv += ',' + csvField(name + QStringLiteral("_Mbps"));
    csv += '\n';

    using Iterator = QCPGraphDataContainer::const_iterator;
    QList<Iterator> at;
    QList<Iterator> end;
    for (const auto &data : series) {
        at << (keyRange ? data->findBegin(keyRange->lower - ThroughputPlot::SameMomentS, false) : data->constBegin());
        end << (keyRange ? data->findEnd(keyRange->upper + ThroughputPlot::SameMomentS, false) : data->constEnd());
    }
    for (;;) {
        double key = std::numeric_limits<double>::infinity();
        for (qsizetype i = 0; i < at.size(); ++i) {
            if (at[i] != end[i])
                key = std::min(key, at[i]->key);
        }
        if (key == std::numeric_limits<double>::infinity())
            break;
        csv += QByteArray::number(key, 'f', 3);
        for (qsizetype i = 0; i < at.size(); ++i) {
            csv += ',';
            if (at[i] != end[i] && at[i]->key < key + ThroughputPlot::SameMomentS) {
                csv += QByteArray::number(at[i]->value, 'f', 6);
                ++at[i];
            }
        }
        csv += '\n';
    }
    return csv;
}

} // namespace

Status ThroughputPlot::checkWritable(const QString &path, const QString &what) const
{
    // `what` is a whole translated sentence with %1 for the path and %2 for the reason.
    QString reason;
    const QFileInfo info(path);
    if (path.isEmpty())
        reason = tr("no file name was given");
    else if (info.isDir())
        reason = tr("it is a folder");
    else if (!info.absoluteDir().exists())
        reason = tr("the folder %1 does not exist").arg(native(info.absolutePath()));
    if (reason.isEmpty())
        return {};
    return fail(what.arg(native(path), reason));
}

Status ThroughputPlot::exportPng(const QString &path, int width, int height)
{
    applyRanges();
    const QString sentence = tr("Could not save the plot as PNG to %1: %2.");
    if (Status writable = checkWritable(path, sentence); !writable)
        return writable;
    if (!m_plot->savePng(path, width, height))
        return fail(
            sentence.arg(native(path), tr("the image could not be written (no permission, or the disk is full?)")));
    return {};
}

Status ThroughputPlot::exportPdf(const QString &path, int width, int height)
{
    applyRanges();
    const QString sentence = tr("Could not save the plot as PDF to %1: %2.");
    if (Status writable = checkWritable(path, sentence); !writable)
        return writable;
    if (!m_plot->savePdf(path, width, height, QCP::epNoCosmetic, QStringLiteral("MPTCP Lab"), tr("Throughput")))
        return fail(
            sentence.arg(native(path), tr("the PDF could not be written (no permission, or the disk is full?)")));
    return {};
}

Status ThroughputPlot::exportCsv(const QString &path, ExportRange range)
{
    applyRanges();
    const QString sentence = tr("Could not save the data as CSV to %1: %2.");
    if (Status writable = checkWritable(path, sentence); !writable)
        return writable;
    const QStringList names = shownSeries();
    QList<QSharedPointer<QCPGraphDataContainer>> series;
    for (const QString &name : names)
        series << m_graphs.value(name)->data();
    const QByteArray csv = seriesCsv(
        names, series, range == ExportRange::Visible ? std::optional<QCPRange>(xRange()) : std::optional<QCPRange>());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(csv) != csv.size() || !file.commit())
        return fail(sentence.arg(native(path), file.errorString()));
    return {};
}

} // namespace mlab
