#pragma once

// Every problem found in a lab file, collected rather than thrown so that one run names all of them.

#include <QList>
#include <QSet>
#include <QString>

namespace mlab {

class JsonLineMap;

struct LabProblem
{
    QString pointer; // JSON pointer of the offending value (or of the missing key)
    QString what; // what is wrong
    QString got; // the value as written, or a short description
    QString expected; // what would have been accepted
};

class LabProblems
{
public:
    void add(const QString &pointer, const QString &what, const QString &got, const QString &expected);
    // add() and taint(): the value is unusable, so later checks that need it stay quiet instead of piling up
    // consequences of the same mistake.
    void reject(const QString &pointer, const QString &what, const QString &got, const QString &expected);
    void taint(const QString &pointer);
    // True when the value at pointer, or anything containing it, was rejected.
    bool isTainted(const QString &pointer) const;

    bool isEmpty() const { return m_problems.isEmpty(); }
    const QList<LabProblem> &all() const { return m_problems; }

    // One line per problem, in file order: "FILE:LINE: /pointer: what (got VALUE; expected WHAT)".
    QString format(const QString &fileName, const JsonLineMap &lines) const;

private:
    QList<LabProblem> m_problems;
    QSet<QString> m_tainted;
};

} // namespace mlab
