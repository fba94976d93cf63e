#include "nodes/nodebackend.h"

#include "lab/labmodel.h"
#include "nodes/namespacenode.h"
#include "nodes/qemunode.h"

namespace mlab {

Result<std::unique_ptr<NodeBackend>> createNodeBackend(const NodeEnvironment &env)
{
    if (env.node->kind == QLatin1String("namespace"))
        return std::unique_ptr<NodeBackend>(std::make_unique<NamespaceNode>(env));
    if (env.node->kind == QLatin1String("qemu"))
        return std::unique_ptr<NodeBackend>(std::make_unique<QemuNode>(env));
    return fail(QStringLiteral("%1: node kind \"%2\" is not supported by this build yet (supported: namespace, qemu)")
                    .arg(env.node->name, env.node->kind));
}

} // namespace mlab
