#include "ingest/CsvReader.h"

#include <QtTest>

using namespace flowlet;
using namespace flowlet::ingest;

class TestCsvReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void placeholder() { QSKIP("not written yet"); }
};

QTEST_GUILESS_MAIN(TestCsvReader)
#include "TestCsvReader.moc"
