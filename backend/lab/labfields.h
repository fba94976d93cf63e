#pragma once

// Reading one JSON object of a lab file: unknown keys are reported up front (a typo must never be silently
// ignored), then each member is handed out typed, with missing keys and wrong types reported on the way.

#include <nlohmann/json.hpp>

#include <QString>

#include <initializer_list>
#include <optional>

namespace mlab {

class LabProblems;

QString quoted(const QString &text);
// The value as written (JSON), shortened for a message.
QString describe(const nlohmann::json &value);
// The same, followed by its JSON type: `8 (an integer)`.
QString describeWithType(const nlohmann::json &value);

std::optional<int> readInteger(const nlohmann::json &value, const QString &pointer, int min, int max,
    const QString &expected, LabProblems &problems);

class LabFields
{
public:
    LabFields(const nlohmann::json &object, QString pointer, LabProblems &problems,
        std::initializer_list<const char *> knownKeys);

    QString at(const char *key) const;
    LabProblems &problems() const { return m_problems; }

    // nullptr when absent (reported when required).
    const nlohmann::json *get(const char *key, bool required, const QString &expected) const;
    // nullptr when absent or of another type (reported).
    const nlohmann::json *typed(
        const char *key, bool required, nlohmann::json::value_t type, const QString &expected) const;
    std::optional<QString> string(const char *key, bool required, const QString &expected) const;
    std::optional<int> integer(const char *key, bool required, int min, int max, const QString &expected) const;
    std::optional<bool> boolean(const char *key, const QString &expected) const;

    // A required safe identifier (node, interface, path, tap or lab name). Returned even when rejected, so that
    // references to it still resolve and do not add "unknown name" noise.
    QString name(const char *key, int maxLength, const QString &what) const;
    // A required IPv4 host address with prefix length: not the network or broadcast address of its subnet.
    QString hostAddress(const char *key) const;

private:
    const nlohmann::json &m_object;
    QString m_pointer;
    LabProblems &m_problems;
};

} // namespace mlab
