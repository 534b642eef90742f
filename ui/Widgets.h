#pragma once

#include <QAbstractItemView>
#include <QHeaderView>
#include <QPushButton>
#include <QTableView>

namespace flowlet::ui {

// A button tests can find by its object name.
inline QPushButton* namedButton(const QString& text, const char* objectName, QWidget* parent)
{
    auto* b = new QPushButton(text, parent);
    b->setObjectName(QString::fromLatin1(objectName));
    return b;
}

// How the panels' lists behave: whole rows selected, nothing edited in place, no row numbers.
inline void setupListTable(QTableView* table, QAbstractItemView::SelectionMode selection)
{
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(selection);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    table->setAlternatingRowColors(true);
}

} // namespace flowlet::ui
