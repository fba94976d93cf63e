#include "common/rowfilterproxy.h"

#include <algorithm>
#include <utility>

namespace mlab {

RowFilterProxy::RowFilterProxy(Roles roles, QObject *parent)
    : QSortFilterProxyModel(parent)
    , m_roles(std::move(roles))
{
    setSortRole(m_roles.sort);
}

void RowFilterProxy::setNode(const QString &node)
{
    if (node == m_node)
        return;
    m_node = node;
    invalidateRowsFilter();
}

void RowFilterProxy::setSearchText(const QString &text)
{
    if (text == m_search)
        return;
    m_search = text;
    invalidateRowsFilter();
}

void RowFilterProxy::setOnlyFlagged(bool only)
{
    if (only == m_onlyFlagged)
        return;
    m_onlyFlagged = only;
    invalidateRowsFilter();
}

bool RowFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex row = sourceModel()->index(sourceRow, 0, sourceParent);
    if (m_onlyFlagged && !row.data(m_roles.flag).toBool())
        return false;
    if (!m_node.isEmpty() && row.data(m_roles.node).toString() != m_node)
        return false;
    if (m_search.isEmpty())
        return true;
    return std::any_of(m_roles.search.cbegin(), m_roles.search.cend(),
        [&](int role) { return row.data(role).toString().contains(m_search, Qt::CaseInsensitive); });
}

} // namespace mlab
