#include "ingest/CamtReader.h"

#include <QtTest>

using namespace flowlet;
using namespace flowlet::ingest;

class TestCamtReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void placeholder() { QSKIP("not written yet"); }
};

QTEST_GUILESS_MAIN(TestCamtReader)
#include "TestCamtReader.moc"
