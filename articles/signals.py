"""Keep what is derived from the archive right after every write: the stored article
counts of people, organisations, places and publications, their co-mentions (see
models/comentions.py), and the cache (caching.py).

Every save and delete of any record of the archive, and every change to a many-to-many
link (an event's people, places, articles), makes the cached pages stale. Saves and
deletes of mentions and articles also recount what they change, and the co-mentions of
the records they change. The article and mention
querysets' `update()` and `bulk_create()`, which send no signals, call `entities_changed()`
and `articles_changed()` themselves; any other bulk write (raw SQL) must call
`refresh_after_bulk_write()`. Inside `deferred_counts()` (a bulk import, a whole-archive
re-detection), counts are refreshed once, at the end.
"""

import contextlib
import threading

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_save

from .caching import archive_changed
from .models import Article, CoMention, Organisation, Person, Place, Publication

COUNTED = (Person, Organisation, Place, Publication)
_state = threading.local()


@contextlib.contextmanager
def deferred_counts():
    """Within the block, collect the records whose counts changed; recount them once."""
    if getattr(_state, "dirty", None) is not None:
        yield
        return
    _state.dirty = {model: set() for model in COUNTED}
    try:
        yield
    finally:
        dirty, _state.dirty = _state.dirty, None
        for model, pks in dirty.items():
            if pks:
                model.objects.filter(pk__in=pks).refresh_article_counts()
        CoMention.objects.refresh(dirty)
        archive_changed()


def entities_changed(model, pks):
    """The mentions (or articles) of these records changed: recount them and their
    co-mentions."""
    dirty = getattr(_state, "dirty", None)
    if dirty is not None:
        dirty[model].update(pks)
    else:
        pks = set(pks)
        model.objects.filter(pk__in=pks).refresh_article_counts()
        CoMention.objects.refresh({model: pks})
    archive_changed()


def articles_changed(publication_ids=None):
    """Articles were added, changed or removed: recount their publications (all of them
    when not known: an article may have moved from one to another)."""
    if publication_ids is None:
        publication_ids = Publication.objects.values_list("pk", flat=True)
    entities_changed(Publication, publication_ids)


def refresh_after_bulk_write():
    """Recount everything and make every cached page stale: for bulk writes in raw SQL."""
    for model in COUNTED:
        model.objects.refresh_article_counts()
    CoMention.objects.refresh(None)
    archive_changed()


def mention_changed(sender, instance, **kwargs):
    entity_model = sender._meta.get_field(sender.entity_field).related_model
    entities_changed(entity_model, [getattr(instance, sender.entity_field)])


def article_changed(sender, instance, created=False, **kwargs):
    articles_changed(instance.publications_changed(created))


def record_changed(sender, **kwargs):
    archive_changed()


def connect():
    """Connect the receivers to every model of the archive (called once, at start-up)."""
    for model in apps.get_app_config("articles").get_models():
        if hasattr(model, "entity_field"):  # a mention table
            receiver = mention_changed
        elif model is Article:
            receiver = article_changed
        else:
            receiver = record_changed
        post_save.connect(receiver, sender=model, dispatch_uid=f"archive-save-{model.__name__}")
        post_delete.connect(receiver, sender=model, dispatch_uid=f"archive-del-{model.__name__}")
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                record_changed,
                sender=field.remote_field.through,
                dispatch_uid=f"archive-m2m-{model.__name__}-{field.name}",
            )
