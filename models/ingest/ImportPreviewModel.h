#pragma once

#include "ingest/ImportPlan.h"

#include <QAbstractTableModel>

namespace flowlet {

// The lines of an import plan for the preview table: what each line is and why. The first
// column lets the user overrule de-duplication: tick a duplicate or a matched line to add it to
// the book anyway, untick it again to go back to the proposal. Lines that are simply new stay new.
class ImportPreviewModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImportPreviewModel)

public:
    enum Column { AddColumn, DateColumn, AmountColumn, CounterpartyColumn, TextColumn, StatusColumn, ReasonColumn, ColumnCount };
    enum Role { RawValueRole = Qt::UserRole, DecisionRole };

    explicit ImportPreviewModel(QObject* parent = nullptr);

    // The plan the model shows and edits in place; it must outlive the model or be replaced.
    void setPlan(ingest::ImportPlan* plan);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;

    static QString decisionText(ingest::LineDecision decision);
    // The Why column: the de-duplication reason, or for a new line its category proposal.
    static QString reasonText(const ingest::PlannedLine& line);

Q_SIGNALS:
    void decisionsChanged();

private:
    ingest::ImportPlan* m_plan = nullptr;
    QList<ingest::LineDecision> m_proposed; // what the pipeline proposed, to go back to
};

} // namespace flowlet
