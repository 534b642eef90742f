#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QString>

namespace flowlet {

// An append-only log file that rotates by size: path, path.1, … path.(maxFiles-1), the oldest
// dropped. Files are created with mode 0600 (the log may name users and requests). Not
// thread-safe: its owner serialises the calls.
class RotatingLogFile final
{
public:
    RotatingLogFile(QString path, qint64 maxBytes, int maxFiles);
    ~RotatingLogFile();
    RotatingLogFile(const RotatingLogFile&) = delete;
    RotatingLogFile& operator=(const RotatingLogFile&) = delete;

    // Appends the bytes as they are (the caller ends lines), rotating first when they would push
    // the file past maxBytes.
    Status append(const QByteArray& bytes);

    const QString& path() const { return m_path; }

private:
    Status open();
    void close();
    void rotate();

    QString m_path;
    qint64 m_maxBytes;
    int m_maxFiles;
    int m_fd = -1;
    qint64 m_size = 0;
};

} // namespace flowlet
