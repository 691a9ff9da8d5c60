import pytest

from tests.webhooks.receiver import Receiver


@pytest.fixture
def receiver():
    running = Receiver().start()
    yield running
    running.stop()


@pytest.fixture
def another_receiver():
    running = Receiver().start()
    yield running
    running.stop()
