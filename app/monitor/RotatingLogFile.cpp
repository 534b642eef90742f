#include "RotatingLogFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <cerrno>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace flowlet {

RotatingLogFile::RotatingLogFile(QString path, qint64 maxBytes, int maxFiles)
    : m_path(std::move(path))
    , m_maxBytes(std::max<qint64>(maxBytes, 1024))
    , m_maxFiles(std::max(maxFiles, 1))
{
}

RotatingLogFile::~RotatingLogFile()
{
    close();
}

Status RotatingLogFile::open()
{
    const QFileInfo info(m_path);
    QDir dir = info.absoluteDir();
    if (!dir.exists()) {
        if (!dir.mkpath(QStringLiteral("."))) {
            return Error(ErrorCode::IoError, QStringLiteral("cannot create %1").arg(dir.path()));
        }
        ::chmod(QFile::encodeName(dir.path()).constData(), 0700);
    }
    const QByteArray name = QFile::encodeName(m_path);
    m_fd = ::open(name.constData(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
    if (m_fd < 0) {
        return Error(ErrorCode::IoError, QStringLiteral("cannot open %1").arg(m_path));
    }
    // A file left by an older version or copied in keeps no wider mode than ours.
    ::fchmod(m_fd, 0600);
    struct stat st = {};
    m_size = ::fstat(m_fd, &st) == 0 ? qint64(st.st_size) : 0;
    return {};
}

void RotatingLogFile::close()
{
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
}

void RotatingLogFile::rotate()
{
    close();
    auto numbered = [this](int i) { return i == 0 ? m_path : QStringLiteral("%1.%2").arg(m_path).arg(i); };
    QFile::remove(numbered(m_maxFiles - 1));
    for (int i = m_maxFiles - 2; i >= 0; --i) {
        if (QFile::exists(numbered(i))) {
            QFile::rename(numbered(i), numbered(i + 1));
        }
    }
    if (m_maxFiles == 1) {
        QFile::remove(m_path);
    }
}

Status RotatingLogFile::append(const QByteArray& bytes)
{
    if (m_fd < 0) {
        if (auto opened = open(); !opened) {
            return opened;
        }
    }
    if (m_size > 0 && m_size + bytes.size() > m_maxBytes) {
        rotate();
        if (auto opened = open(); !opened) {
            return opened;
        }
    }
    qint64 done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(m_fd, bytes.constData() + done, size_t(bytes.size() - done));
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return Error(ErrorCode::IoError, QStringLiteral("cannot write %1").arg(m_path));
        }
        done += n;
    }
    m_size += done;
    return {};
}

} // namespace flowlet
