#pragma once

#include <QDialog>

class QLineEdit;

namespace flowlet::ui {

// Shows a new API key's token, the one time it can be seen, with a Copy button. The token lives
// only in this dialog, which deletes itself (and with it the token) when closed.
class ApiKeyTokenDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiKeyTokenDialog)

public:
    ApiKeyTokenDialog(const QString& keyName, const QString& token, QWidget* parent = nullptr);

private:
    QLineEdit* m_token;
};

} // namespace flowlet::ui
