#include "ingest/Mt940Reader.h"

#include <QtTest>

using namespace flowlet;
using namespace flowlet::ingest;

class TestMt940Reader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void placeholder() { QSKIP("not written yet"); }
};

QTEST_GUILESS_MAIN(TestMt940Reader)
#include "TestMt940Reader.moc"
