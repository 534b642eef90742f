#pragma once

#include <QAbstractItemView>
#include <QCoreApplication>
#include <QDate>
#include <QFileDialog>
#include <QHeaderView>
#include <QPushButton>
#include <QStandardPaths>
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

// The save dialog of a CSV export, suggesting "<stem>-<today>.csv" in the documents folder. Open
// it with open() and connect fileSelected; tests find it by its object name.
inline QFileDialog* csvSaveDialog(QWidget* parent, const QString& title, const char* objectName, const QString& stem)
{
    auto* dialog = new QFileDialog(parent, title);
    dialog->setObjectName(QString::fromLatin1(objectName));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setOption(QFileDialog::DontUseNativeDialog, qEnvironmentVariableIsSet("FLOWLET_NO_NATIVE_DIALOGS"));
    dialog->setNameFilter(QCoreApplication::translate("csvSaveDialog", "CSV files (*.csv)"));
    dialog->setDefaultSuffix(QStringLiteral("csv"));
    dialog->setDirectory(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation));
    dialog->selectFile(QStringLiteral("%1-%2.csv").arg(stem, QDate::currentDate().toString(Qt::ISODate)));
    return dialog;
}

} // namespace flowlet::ui
