"""A pool process starts with engines of its own: the parent's pooled connections (the
app's and the SQLAlchemy broker's) are left to the parent, never shared over one socket."""

from celery.signals import worker_process_init
from kombu.transport.sqlalchemy import Channel
from sqlalchemy import create_engine, text
from sqlalchemy.orm import sessionmaker

from reporting import create_app
from reporting.extensions import db
from reporting.tasks.forking import forget_parent_connections, register


def test_a_child_gets_new_pools_and_the_parents_connections_stay_open(tmp_path, monkeypatch):
    broker = create_engine(f"sqlite:///{tmp_path / 'broker.sqlite3'}")
    monkeypatch.setattr(Channel, "_engines", {"broker": (broker, sessionmaker(bind=broker))})
    child = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'app.sqlite3'}",
        }
    )
    with child.app_context():
        engine = db.engine
        # The parent's connections, in use when the pool process starts.
        with engine.connect() as app_held, broker.connect() as broker_held:
            old_pools = engine.pool, broker.pool
            forget_parent_connections(child)
            assert engine.pool is not old_pools[0] and broker.pool is not old_pools[1]
            assert app_held.execute(text("SELECT 1")).scalar() == 1  # still the parent's
            assert broker_held.execute(text("SELECT 1")).scalar() == 1
            with engine.connect() as own:  # the child's own connection
                assert own.connection.dbapi_connection is not app_held.connection.dbapi_connection
        for pool in old_pools:
            pool.dispose()
        engine.dispose()
    broker.dispose()


def test_the_worker_forgets_them_in_every_pool_process(tasks_app, monkeypatch):
    called = []
    monkeypatch.setattr(
        "reporting.tasks.forking.forget_parent_connections", lambda a: called.append(a)
    )
    register(tasks_app)
    worker_process_init.send(sender=None)
    assert called and called[-1] is tasks_app
