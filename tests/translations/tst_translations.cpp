// Every user-visible string of the window has an Italian translation, checked against the current sources (not
// against what the .ts file happens to list), so a new tr() without a translation fails here.
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include <map>

namespace {

struct Message
{
    QString translation;
    QString type; // "", "unfinished", "vanished", "obsolete"
};

// context + '\x1f' + source (+ '\x1f' + comment) -> message.
using Catalogue = std::map<QString, Message>;

QString readCatalogue(const QString &path, Catalogue &out)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
    QXmlStreamReader xml(&file);
    QString context;
    QString source;
    QString comment;
    Message message;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            const auto name = xml.name();
            if (name == QLatin1String("name"))
                context = xml.readElementText();
            else if (name == QLatin1String("message")) {
                source.clear();
                comment.clear();
                message = {};
            } else if (name == QLatin1String("source"))
                source = xml.readElementText();
            else if (name == QLatin1String("comment"))
                comment = xml.readElementText();
            else if (name == QLatin1String("translation")) {
                message.type = xml.attributes().value(QLatin1String("type")).toString();
                message.translation = xml.readElementText(QXmlStreamReader::IncludeChildElements);
            }
        } else if (xml.isEndElement() && xml.name() == QLatin1String("message")) {
            out[context + QChar(0x1f) + source + QChar(0x1f) + comment] = message;
        }
    }
    return xml.hasError() ? QStringLiteral("%1: %2 at line %3").arg(path, xml.errorString()).arg(xml.lineNumber())
                          : QString();
}

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT

private slots:
    void everySourceStringHasAnItalianTranslation()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString extracted = dir.filePath(QStringLiteral("extracted.ts"));
        QProcess lupdate;
        lupdate.start(QStringLiteral(MPTCPLAB_LUPDATE),
            { QStringLiteral("@" MPTCPLAB_SOURCES_LIST), QStringLiteral("-no-obsolete"), QStringLiteral("-locations"),
                QStringLiteral("none"), QStringLiteral("-ts"), extracted });
        QVERIFY(lupdate.waitForFinished(60000));
        QVERIFY2(lupdate.exitCode() == 0, lupdate.readAllStandardError().constData());

        Catalogue current;
        Catalogue italian;
        QString error = readCatalogue(extracted, current);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        error = readCatalogue(QStringLiteral(MPTCPLAB_TS_FILE), italian);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY2(current.size() > 100, "lupdate found almost no strings: is the source list right?");

        QStringList missing;
        for (const auto &[key, message] : current) {
            const auto found = italian.find(key);
            if (found == italian.end() || found->second.translation.trimmed().isEmpty()
                || !found->second.type.isEmpty())
                missing << QString(key).replace(QChar(0x1f), QLatin1String(" | "));
        }
        QVERIFY2(missing.isEmpty(),
            qPrintable(QStringLiteral("%1 of %2 strings have no finished Italian translation in %3 (run the target "
                                      "mptcplab_lupdate, then translate), e.g.:\n%4")
                           .arg(missing.size())
                           .arg(current.size())
                           .arg(QStringLiteral(MPTCPLAB_TS_FILE), missing.mid(0, 25).join(QLatin1Char('\n')))));
    }
};

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
