#include "lab/labproblems.h"

#include "lab/jsonlinemap.h"

#include <QStringList>

#include <algorithm>

namespace mlab {

void LabProblems::add(const QString &pointer, const QString &what, const QString &got, const QString &expected)
{
    m_problems.append(LabProblem { pointer, what, got, expected });
}

void LabProblems::reject(const QString &pointer, const QString &what, const QString &got, const QString &expected)
{
    add(pointer, what, got, expected);
    taint(pointer);
}

void LabProblems::taint(const QString &pointer)
{
    m_tainted.insert(pointer);
}

bool LabProblems::isTainted(const QString &pointer) const
{
    QString at = pointer;
    while (true) {
        if (m_tainted.contains(at))
            return true;
        if (at.isEmpty())
            return false;
        at = jsonPointerParent(at);
    }
}

QString LabProblems::format(const QString &fileName, const JsonLineMap &lines) const
{
    struct Located
    {
        int line;
        const LabProblem *problem;
    };
    QList<Located> located;
    for (const LabProblem &problem : m_problems)
        located.append(Located { lines.lineOf(problem.pointer), &problem });
    std::stable_sort(
        located.begin(), located.end(), [](const Located &a, const Located &b) { return a.line < b.line; });

    QStringList out;
    for (const Located &at : std::as_const(located)) {
        const LabProblem &p = *at.problem;
        const QString where = at.line > 0 ? fileName + QLatin1Char(':') + QString::number(at.line) : fileName;
        const QString pointer = p.pointer.isEmpty() ? QStringLiteral("(top level)") : p.pointer;
        out << where + QLatin1String(": ") + pointer + QLatin1String(": ") + p.what + QLatin1String(" (got ") + p.got
                + QLatin1String("; expected ") + p.expected + QLatin1Char(')');
    }
    return out.join(QLatin1Char('\n'));
}

} // namespace mlab
