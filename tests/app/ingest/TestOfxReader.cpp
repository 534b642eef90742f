#include "ingest/OfxReader.h"

#include <QtTest>

using namespace flowlet;
using namespace flowlet::ingest;

class TestOfxReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void placeholder() { QSKIP("not written yet"); }
};

QTEST_GUILESS_MAIN(TestOfxReader)
#include "TestOfxReader.moc"
