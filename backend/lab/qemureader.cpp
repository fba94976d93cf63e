#include "lab/qemureader.h"

#include "lab/labfields.h"
#include "lab/labproblems.h"

#include <nlohmann/json.hpp>

#include <QRegularExpression>

namespace mlab {

using nlohmann::json;

namespace {

const QString kPathRule = QStringLiteral("of letters, digits and . _ + - / only, no \"..\"");

void readPath(const LabFields &f, const char *key, const QString &expected, QString &into)
{
    if (const std::optional<QString> path = f.string(key, false, expected)) {
        if (isSafeImagePath(*path))
            into = *path;
        else
            f.problems().reject(f.at(key), QStringLiteral("not a safe path"), quoted(*path), expected);
    }
}

// A user's own image has its own accounts: the engine logs in as the lab file says.
QemuLogin readLogin(const LabFields &f)
{
    QemuLogin login;
    LabProblems &problems = f.problems();
    const QString userExpected = QStringLiteral("a user name of lower-case letters, digits, _ . - (at most 32)");
    login.user = f.string("user", false, userExpected).value_or(login.user);
    static const QRegularExpression userName(QStringLiteral("^[a-z_][a-z0-9_.-]{0,31}\\z"));
    if (!userName.match(login.user).hasMatch())
        problems.reject(f.at("user"), QStringLiteral("not a user name"), quoted(login.user), userExpected);
    const QString passwordExpected = QStringLiteral("the user's password, 1..256 characters, no control characters");
    if (const std::optional<QString> password = f.string("password", false, passwordExpected)) {
        static const QRegularExpression printable(QStringLiteral("^[^\\x00-\\x1f\\x7f]{1,256}\\z"));
        if (printable.match(*password).hasMatch())
            login.password = *password;
        else // the value itself stays out of the message
            problems.reject(f.at("password"), QStringLiteral("not a usable password"),
                QStringLiteral("(%1 characters, not shown)").arg(password->size()), passwordExpected);
    }
    readPath(f, "identityFile",
        QStringLiteral("the user's private key file (absolute, or relative to the lab file), ") + kPathRule,
        login.identityFile);
    const QString keyExpected = QStringLiteral(
        "the node's SSH host key as an OpenSSH public key line, e.g. \"ssh-ed25519 AAAA...\" (from ssh-keyscan)");
    if (const std::optional<QString> key = f.string("hostKey", false, keyExpected)) {
        static const QRegularExpression keyLine(
            QStringLiteral("^(ssh-ed25519|ecdsa-sha2-nistp256|ecdsa-sha2-nistp384|ecdsa-sha2-nistp521|ssh-rsa) "
                           "[A-Za-z0-9+/]{16,4096}={0,2}\\z"));
        const QString typeAndKey = key->section(QLatin1Char(' '), 0, 1); // a comment may follow
        if (keyLine.match(typeAndKey).hasMatch())
            login.hostKey = typeAndKey;
        else
            problems.reject(
                f.at("hostKey"), QStringLiteral("not an SSH public key line"), quoted(key->left(60)), keyExpected);
    }
    if (login.password.isEmpty() && login.identityFile.isEmpty())
        problems.reject(f.at("password"), QStringLiteral("no way to log in"), QStringLiteral("(neither given)"),
            QStringLiteral("\"password\" or \"identityFile\" (or both: the key is tried first)"));
    return login;
}

} // namespace

bool isSafeImagePath(const QString &path)
{
    // \z, not $: "$" also matches before a final newline.
    static const QRegularExpression allowed(QStringLiteral("^[A-Za-z0-9._+/-]{1,1024}\\z"));
    return allowed.match(path).hasMatch() && !path.split(QLatin1Char('/')).contains(QStringLiteral(".."));
}

QString qemuObjectExpected()
{
    return QStringLiteral("an object with image or disk (and login), nic, memory, launch, accel, bootTimeout");
}

QemuSpec readQemu(const json &object, const QString &pointer, LabProblems &problems)
{
    const LabFields f(
        object, pointer, problems, { "image", "disk", "login", "nic", "memory", "launch", "accel", "bootTimeout" });
    QemuSpec spec;
    readPath(f, "image",
        QStringLiteral("a directory made by `mptcplab-cli image build` (absolute, or relative to the lab file), ")
            + kPathRule,
        spec.image);
    readPath(f, "disk",
        QStringLiteral("the node's own bootable disk image, raw or qcow2 (absolute, or relative to the lab file), ")
            + kPathRule,
        spec.disk);
    if (!spec.image.isEmpty() && !spec.disk.isEmpty())
        problems.reject(f.at("disk"), QStringLiteral("a VM boots either the lab's guest image or its own disk"),
            quoted(spec.disk), QStringLiteral("\"image\" or \"disk\", not both"));
    const QString loginExpected = QStringLiteral("an object with user, password and/or identityFile, hostKey");
    if (const json *login = f.typed("login", false, json::value_t::object, loginExpected)) {
        spec.login
            = readLogin(LabFields(*login, f.at("login"), problems, { "user", "password", "identityFile", "hostKey" }));
        if (spec.disk.isEmpty())
            problems.reject(f.at("login"), QStringLiteral("the lab's guest image logs in with the lab's own key"),
                QStringLiteral("(a login without a disk)"), QStringLiteral("\"login\" only with \"disk\""));
    } else if (!spec.disk.isEmpty()) {
        problems.reject(f.at("login"), QStringLiteral("missing"), QStringLiteral("(no login)"),
            QStringLiteral("how the engine logs in to the disk's system: ") + loginExpected);
    }
    const QString nicExpected = QStringLiteral("\"virtio\", \"e1000\" or \"rtl8139\" (what the guest has drivers for)");
    spec.nicModel = f.string("nic", false, nicExpected).value_or(spec.nicModel);
    if (spec.nicModel != QLatin1String("virtio") && spec.nicModel != QLatin1String("e1000")
        && spec.nicModel != QLatin1String("rtl8139"))
        problems.reject(f.at("nic"), QStringLiteral("unknown NIC model"), quoted(spec.nicModel), nicExpected);
    spec.memoryMiB = f.integer("memory", false, 128, 16384,
                          QStringLiteral("MiB of guest RAM, 128..16384 (less than 128 panics unpacking the initramfs)"))
                         .value_or(spec.memoryMiB);
    const QString launchExpected = QStringLiteral("\"vde\" (QEMU's -netdev vde) or \"vdeq\" (the tutorial's wrapper)");
    spec.launch = f.string("launch", false, launchExpected).value_or(spec.launch);
    if (spec.launch != QLatin1String("vde") && spec.launch != QLatin1String("vdeq"))
        problems.reject(f.at("launch"), QStringLiteral("unknown launch mode"), quoted(spec.launch), launchExpected);
    const QString accelExpected = QStringLiteral("\"auto\" (KVM when it works, else TCG), \"kvm\" or \"tcg\"");
    spec.accel = f.string("accel", false, accelExpected).value_or(spec.accel);
    if (spec.accel != QLatin1String("auto") && spec.accel != QLatin1String("kvm") && spec.accel != QLatin1String("tcg"))
        problems.reject(f.at("accel"), QStringLiteral("unknown accelerator"), quoted(spec.accel), accelExpected);
    spec.bootTimeoutSeconds
        = f.integer("bootTimeout", false, 5, 600, QStringLiteral("seconds until SSH answers, 5..600"))
              .value_or(spec.bootTimeoutSeconds);
    return spec;
}

} // namespace mlab
